package dev.smspipeline.campaign.audience;

import java.util.List;

/**
 * Answer to a CSV audience upload.
 *
 * @param rows data rows read (header and empty lines not counted)
 * @param added recipients added to the audience
 * @param duplicates rows whose number was already in the audience
 * @param invalidNumbers rows kept whose number cannot be texted; they end REJECTED with
 * their reason code when the campaign runs
 * @param brokenRows rows that could not be read, not added
 * @param errors the first broken rows, by line number
 * @param errorsTruncated whether more rows were broken than listed
 * @param audienceSize distinct recipients in the audience now
 */
public record UploadReport(long rows, long added, long duplicates, long invalidNumbers, long brokenRows,
		List<RowError> errors, boolean errorsTruncated, long audienceSize) {

	/**
	 * One broken row.
	 *
	 * @param line line number in the file, 1 being the header
	 * @param reason what is wrong with it
	 */
	public record RowError(long line, String reason) {
	}

}
