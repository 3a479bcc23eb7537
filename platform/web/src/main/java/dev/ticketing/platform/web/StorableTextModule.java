package dev.ticketing.platform.web;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Refuses, while a request body is read, any JSON string value PostgreSQL could not store (see
 * {@link StorableText}), whatever record and property it is bound to: one rule for every body of every service
 * instead of an annotation on each field that someone could forget. {@link ApiExceptionHandler} answers the
 * failure as a 400 on the field, like a value of the wrong type. Event payloads are not affected: the messaging
 * platform reads them with its own mapper.
 */
final class StorableTextModule extends SimpleModule {

    StorableTextModule() {
        super("ticketing-storable-text");
        addDeserializer(String.class, new StorableStringDeserializer());
    }

    /** Jackson's own string deserializer, then the check. */
    static final class StorableStringDeserializer extends StdScalarDeserializer<String> {

        StorableStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            String value = StringDeserializer.instance.deserialize(parser, context);
            Optional<String> problem = StorableText.problem(value);
            if (problem.isPresent()) {
                throw new UnstorableTextException(parser, problem.get());
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) {
            return "";
        }
    }

    /** A string value that cannot be stored; Jackson adds the path of the property it was read for. */
    static final class UnstorableTextException extends MismatchedInputException {

        private final String problem;

        UnstorableTextException(JsonParser parser, String problem) {
            super(parser, "String value must not contain " + problem, String.class);
            this.problem = problem;
        }

        /** {@code "the null character (U+0000)"}, {@code "an unpaired surrogate (U+D800)"}. */
        String problem() {
            return problem;
        }
    }
}
