package dev.smspipeline.campaign.audience;

import java.util.List;
import java.util.UUID;

/**
 * A CSV upload read and staged, not yet in the audience.
 *
 * @param id the upload, keying its staged rows
 * @param rows data rows read (header and empty lines not counted)
 * @param members rows staged (usable, duplicates among them included)
 * @param invalidNumbers staged rows whose number cannot be texted
 * @param brokenRows rows that could not be read, not staged
 * @param errors the first broken rows, by line number
 * @param errorsTruncated whether more rows were broken than listed
 */
public record StagedUpload(UUID id, long rows, long members, long invalidNumbers, long brokenRows,
		List<UploadReport.RowError> errors, boolean errorsTruncated) {

}
