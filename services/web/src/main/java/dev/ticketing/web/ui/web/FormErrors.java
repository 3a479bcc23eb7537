package dev.ticketing.web.ui.web;

import dev.ticketing.web.ui.api.ApiError;
import dev.ticketing.web.ui.api.ApiFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's messages for one form: each next to the field it names, when the form has that field, and the rest
 * above the form. Templates show each in its own {@code role="alert"} element.
 */
public record FormErrors(Map<String, String> byField, List<String> general) {

    private static final FormErrors NONE = new FormErrors(Map.of(), List.of());

    public FormErrors {
        byField = Map.copyOf(byField);
        general = List.copyOf(general);
    }

    public static FormErrors none() {
        return NONE;
    }

    public static FormErrors general(String message) {
        return new FormErrors(Map.of(), List.of(message));
    }

    /** Sorts a failure's messages onto a form with these fields (the API's field names). */
    public static FormErrors of(ApiFailure failure, Set<String> fields) {
        var byField = new LinkedHashMap<String, String>();
        var general = new ArrayList<String>();
        for (ApiError error : failure.errors()) {
            if (error.field() != null && fields.contains(error.field()) && !byField.containsKey(error.field())) {
                byField.put(error.field(), error.message());
            } else if (!general.contains(error.message())) {
                general.add(error.message());
            }
        }
        return new FormErrors(byField, general);
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String of(String field) {
        return byField.get(field);
    }

    public boolean any() {
        return !byField.isEmpty() || !general.isEmpty();
    }
}
