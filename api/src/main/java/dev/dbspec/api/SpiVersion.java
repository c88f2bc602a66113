package dev.dbspec.api;

/**
 * Version of this SPI, checked by the host against each plugin's {@code Plugin-Requires} range.
 *
 * <p>Semantic versioning: a minor bump adds default methods or types (plugins built for
 * {@code >=1.0.0 & <2.0.0} keep working), a major bump removes or changes something.
 *
 * <ul>
 *   <li>1.2.0: connection options are an allow-list: {@link EngineSpec#connectionOptions()} ({@link ConnectionOptions},
 *       {@link ConnectionOption}, {@link OptionRule}, {@link OptionContext}), read in the driver's own terms by
 *       {@link EngineSpec#driverOptions} and vetted by {@link EngineSpec#vetConnection}; an option a spec does not
 *       allow is refused (a 1.1 spec without a list allows only {@code user} and {@code password});
 *       {@link LocalPaths#requireInside} resolves symbolic links; {@link EngineSpec#readOnlyMode} ({@link ReadOnlyMode});
 *       metadata ({@link EngineSpec#catalogs}, {@link EngineSpec#schemas}, {@link EngineSpec#tables},
 *       {@link EngineSpec#tableDetail}, {@link EngineSpec#selectStar}); {@link EngineSpec#functionNames} and
 *       {@link EngineSpec#validate} ({@link SqlValidation}); {@link EngineSpec#estimate} ({@link CostEstimate});
 *       {@link EngineSpec#useCatalogAndSchema}; connection parameters ({@link EngineSpec#connectionParameters()},
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
    public static final String CURRENT = "1.2.0";

    /** The range a plugin written against this version should declare in {@code Plugin-Requires}. */
    public static final String COMPATIBLE_RANGE = ">=1.2.0 & <2.0.0";

    private SpiVersion() {
    }
}
