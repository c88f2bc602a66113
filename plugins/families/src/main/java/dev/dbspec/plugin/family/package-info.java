/**
 * Engine-spec base classes shared by engines of one SQL family. A family class holds the facts its
 * engines share (grain templates, epoch conversion, literals, quoting, error patterns) as data; a
 * plugin extends it and states identity, URL, driver and what differs.
 */
package dev.dbspec.plugin.family;
