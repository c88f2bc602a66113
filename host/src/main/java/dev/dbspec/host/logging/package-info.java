/** Logback parts that keep secrets out of the logs: the library-detail filter and the redacting converters. */
package dev.dbspec.host.logging;
