package dev.smspipeline.platform.problem;

/**
 * One reason a request was refused, tied to the field at fault.
 *
 * @param field JSON path of the field, e.g. {@code recipients[3].phone}
 * @param reason what is wrong with it, for a person to read
 */
public record FieldError(String field, String reason) {
}
