package dev.dbspec.api;

/**
 * Version of this SPI, checked by the host against each plugin's {@code Plugin-Requires} range.
 *
 * <p>Semantic versioning: a minor bump adds default methods or types (plugins built for
 * {@code >=1.0.0 & <2.0.0} keep working), a major bump removes or changes something.
 * The build enforces it: japicmp compares this jar with the released one kept in {@code api/spi-baseline/} and fails on
 * any incompatible change unless a major bump is accepted (README, "SPI compatibility gate").
 *
 * <ul>
 *   <li>1.8.0: an engine's identity as data: {@link EngineFacts#builder(Class)} reads {@value EngineFacts#IDENTITY_FILE}
 *       beside the spec class (id, name, aliases, URL template and prefixes, server URL, port, driver class and artifact),
 *       with an allow-list of keys, so that a plugin's Java states the engine's behaviour and its identity is plain data.</li>
 *   <li>1.7.0: how the host reads result values, per driver: {@link EngineSpec#timestampsAsLocalDateTime()} and
 *       {@link EngineSpec#decimalsAsText()} (declared with {@link EngineFacts.Builder#timestampsAsLocalDateTime} and
 *       {@link EngineFacts.Builder#decimalsAsText}); facts that several engines share, declared once: {@link TimeGrains#modFunction()} and {@link TimeGrains#percentOperator()} (the two usual
 *       {@link TimeGrains.Modulo}s of {@link TimeGrains.Builder#weekdayWeeks}), {@link ErrorPatterns.Builder#unreachableHost}
 *       (the JDK's {@code Connection refused} and {@code UnknownHostException}, with an engine's own messages), and the
 *       refusals {@link ConnectionOptions.Builder#refuseClassFromUrl}, {@link ConnectionOptions.Builder#refuseLocalKeyStore},
 *       {@link ConnectionOptions.Builder#refuseLocalKeytab} and {@link ConnectionOptions.Builder#refuseLogDirectory}, each
 *       with its reason as a constant of {@link ConnectionOptions.Builder}.</li>
 *   <li>1.6.0: {@link EngineSpec#columnsProbeSql} (the query {@link TableUpload#existingColumns} runs: QuestDB answers
 *       {@code WHERE 1 = 0} on a dropped table from a cached plan); {@link TableUpload} on an engine without key constraints
 *       ({@link EngineSpec#primaryKeys()} false) makes its marker table without a primary key, in the engine's upload types;
 *       {@link EngineSpec#ddlAtCommit()} (declared with {@link EngineFacts.Builder#ddlAtCommit}): DDL that takes part in
 *       transactions but takes effect at commit (Firebird), so {@link TableUpload} loads through a staging table without a
 *       rename, which Firebird 3 lacks; {@link TableUpload#stageName} (the staging table's name, within the engine's longest
 *       name: Firebird 3 takes 31 characters); {@link EngineSpec#cancel(java.sql.Statement)} (how a running statement is
 *       stopped, {@code Statement.cancel} by default: Derby's embedded driver cancels through its connection, and a form that
 *       cannot cancel says so with {@link java.sql.SQLFeatureNotSupportedException}); {@link EngineFacts.Builder#planEstimate}
 *       (cost estimation with the plan only, as a declaration: SQLite, H2, HSQLDB, QuestDB).</li>
 *   <li>1.5.0: {@link EngineSpec#scratchTableSql} (how the kit creates its scratch tables: ClickHouse needs a table
 *       engine) and {@link EngineSpec#storesTimestamp} (the timestamps a column can hold: ClickHouse's {@code DateTime}
 *       starts in 1970), and more engine facts as declarations, so that no plugin writes an override for a plain fact:
 *       {@link EngineFacts.Builder#columnType}, {@link EngineFacts.Builder#withoutStorableTypes},
 *       {@link EngineFacts.Builder#limitSyntax}, {@link EngineFacts.Builder#oneRowTable},
 *       {@link EngineFacts.Builder#longRunningQuery}, {@link EngineFacts.Builder#functionNamesSql},
 *       {@link EngineFacts.Builder#bulkLoad}, {@link EngineFacts.Builder#transactionalDdl},
 *       {@link EngineFacts.Builder#withoutPrimaryKeys}, {@link EngineFacts.Builder#impersonation},
 *       {@link EngineFacts.Builder#hostAccess}, {@link EngineFacts.Builder#readOnlyMode}, {@link EngineFacts.Builder#partitions} and
 *       {@link EngineFacts.Builder#extraTableMetadata} (read by a {@link TableReader}), which
 *       {@link DeclaredEngineSpec} answers; {@link IdentifierQuoting#DOUBLE_QUOTES} (case kept);
 *       {@link DatetimeLiterals#casts}, {@link DatetimeLiterals#standard} and {@link DatetimeLiterals#with} (literals whose types differ in precision).</li>
 *   <li>1.4.0: engine facts as declarations: {@link TimeGrains} (all grains from an engine's primitives, the legacy
 *       aliases derived), {@link EngineFacts} and {@link DeclaredEngineSpec} (a spec stated as data),
 *       {@link DatetimeLiterals#typed} (the SQL-standard typed literals); {@link EngineSpec#primaryKeys} (false for
 *       engines without primary keys, such as Trino); {@link EngineSpec#serverUrlTemplate()} (declared with
 *       {@link EngineFacts.Builder#serverUrl}), the network form of an engine whose URL template is embedded (H2, HSQLDB,
 *       Derby), which SSH tunnels read.</li>
 *   <li>1.3.0: behaviour flags for the features a core server needs ({@link Capability#FUNCTION_NAMES},
 *       {@link Capability#SQL_VALIDATION}, {@link Capability#COST_ESTIMATION}, {@link Capability#USER_IMPERSONATION},
 *       {@link Capability#EXTRA_TABLE_METADATA}, {@link Capability#LATEST_PARTITION}, {@link Capability#CONNECTION_PARAMETERS},
 *       {@link Capability#DEFAULT_METRICS}), each proven live by the kit; {@link Capability#FILE_UPLOAD} and
 *       {@link Capability#SSH_TUNNELING} are no longer claimed by default; {@link EngineSpec#defaultMetrics} ({@link Metric});
 *       {@link CostEstimate#planOnly}; partitions and extra table metadata: {@link EngineSpec#partitions} ({@link TablePartitions},
 *       {@link PartitionInfo}), {@link EngineSpec#latestPartition} ({@link LatestPartition}) and
 *       {@link EngineSpec#extraTableMetadata}, all empty by default; nested data ({@link Capability#EXPAND_DATA},
 *       {@link EngineSpec#nestedReader} ({@link NestedReader}, {@link NestedType}), {@link DataExpander} giving
 *       {@link ExpandedData} of {@link NestedColumn}s); query progress ({@link EngineSpec#enableProgress},
 *       {@link EngineSpec#queryProgress}), reported by tasks ({@link TaskHandler.Progress}, {@link TaskStatus#progress()}); CSV upload: {@link CsvReader}, {@link CsvFormat},
 *       {@link UploadTypes}, {@link TableUpload}, {@link EngineSpec#bulkLoad} ({@link BulkLoad}), {@link EngineSpec#transactionalDdl},
 *       {@link EngineSpec#uploadColumnType}, {@link EngineSpec#renameTableSql}.</li>
 *   <li>1.2.0: connection options are an allow-list: {@link EngineSpec#connectionOptions()} ({@link ConnectionOptions},
 *       {@link ConnectionOption}, {@link OptionRule}, {@link OptionContext}), read in the driver's own terms by
 *       {@link EngineSpec#driverOptions} and vetted by {@link EngineSpec#vetConnection}; an option a spec does not
 *       allow is refused (a 1.1 spec without a list allows only {@code user} and {@code password});
 *       {@link LocalPaths#requireInside} resolves symbolic links; {@link EngineSpec#readOnlyMode} ({@link ReadOnlyMode});
 *       metadata ({@link EngineSpec#catalogs}, {@link EngineSpec#schemas}, {@link EngineSpec#tables},
 *       {@link EngineSpec#tableDetail}, {@link EngineSpec#selectStar}); {@link EngineSpec#functionNames} and
 *       {@link EngineSpec#validate} ({@link SqlValidation}); {@link EngineSpec#estimate} ({@link CostEstimate});
 *       {@link EngineSpec#useCatalogAndSchema}; user impersonation ({@link EngineSpec#impersonation()}, {@link Impersonation},
 *       {@link EngineSpec#impersonate}, {@link EngineSpec#endImpersonation}, {@link EngineSpec#impersonationProperties},
 *       {@link EngineSpec#impersonatedUrl}, {@link EngineSpec#connectAs}); connection parameters ({@link EngineSpec#connectionParameters()},
 *       {@link ConnectionParameters}, {@link ParameterSpec}, {@link EngineSpec#buildUrl} giving a {@link ConnectionUrl},
 *       {@link EngineSpec#validateParameters}, {@link EngineSpec#parametersFromUrl}, {@link InvalidParametersException},
 *       {@link OptionRule#asParameter}).</li>
 *   <li>1.1.0: {@link SqlFamily#KQL}, {@link SqlFamily#H2}; {@link EngineSpec#fileSandboxProperties}, {@link EngineSpec#hostAccess()}
 *       and {@link HostAccess}; {@link EngineSpec#connect(String, java.util.Properties, java.util.Optional)}.</li>
 *   <li>1.0.0: the first SPI.</li>
 * </ul>
 */
public final class SpiVersion {
    /** The SPI version this jar implements. */
    public static final String CURRENT = "1.8.0";

    /** The range a plugin written against this version should declare in {@code Plugin-Requires}. */
    public static final String COMPATIBLE_RANGE = ">=1.8.0 & <2.0.0";

    private SpiVersion() {
    }
}
