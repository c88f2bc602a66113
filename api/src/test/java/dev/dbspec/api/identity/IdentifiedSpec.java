package dev.dbspec.api.identity;

import dev.dbspec.api.DeclaredEngineSpec;
import dev.dbspec.api.EngineFacts;

/** A spec whose identity is the {@code engine.properties} beside it. */
public final class IdentifiedSpec extends DeclaredEngineSpec {
    public IdentifiedSpec() {
        super(EngineFacts.builder(IdentifiedSpec.class).build());
    }
}
