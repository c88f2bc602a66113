/** The SQL pipeline on Apache Calcite: split, classify, extract tables, read and apply limits. */
package dev.dbspec.dialects;
