package dev.ticketing.bench;

import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of the bench (Jackson 3): API bodies, NATS envelopes and state.json compact, bench.json indented. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {}
}
