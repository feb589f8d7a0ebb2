package dev.smspipeline.status.query;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a list: {@code {"items": [...], "next": "<cursor>"}}, {@code next} being
 * {@code null} on the last page. Pass {@code next} back as {@code ?cursor=} for the page
 * after.
 *
 * @param <T> the item type
 * @param items the page's items, newest first
 * @param next the opaque cursor of the next page, or {@code null} when there is none
 */
public record Page<T>(List<T> items, @JsonInclude(JsonInclude.Include.ALWAYS) String next) {

	/**
	 * The page of {@code rows} (read with one more than {@code limit}, to know whether
	 * there is a next page), the next cursor made from its last item.
	 */
	static <T> Page<T> of(List<T> rows, int limit, java.util.function.Function<T, String> cursorOf) {
		if (rows.size() <= limit) {
			return new Page<>(List.copyOf(rows), null);
		}
		List<T> items = List.copyOf(rows.subList(0, limit));
		return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
	}

}
