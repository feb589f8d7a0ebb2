package dev.smspipeline.status.query;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import dev.smspipeline.events.MessageStatus;
import dev.smspipeline.status.store.StatusBucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryParametersTests {

	@Test
	void takesABucketOrAStatusNameInAnyCase() {
		assertThat(QueryParameters.statusFilter("status", "error"))
			.isEqualTo(new QueryParameters.StatusFilter(StatusBucket.ERROR, null));
		assertThat(QueryParameters.statusFilter("status", "undelivered"))
			.isEqualTo(new QueryParameters.StatusFilter(StatusBucket.ERROR, MessageStatus.UNDELIVERED));
		assertThat(QueryParameters.statusFilter("status", "DELIVERY_UNKNOWN"))
			.isEqualTo(new QueryParameters.StatusFilter(StatusBucket.DELIVERY_UNKNOWN, MessageStatus.DELIVERY_UNKNOWN));
	}

	@Test
	void coversCanceledAndDeletedTextsWithTheCanceledStatus() {
		QueryParameters.StatusFilter canceled = QueryParameters.statusFilter("status", "CANCELED");

		assertThat(canceled.condition("bucket", "status"))
			.isEqualTo("bucket IN ('canceled', 'deleted') AND status = ?");
		assertThat(canceled.values()).containsExactly("CANCELED");
		assertThat(QueryParameters.statusFilter("status", "canceled").values()).containsExactly("canceled");
	}

	@Test
	void refusesWhatIsNeitherABucketNorAStatus() {
		for (String bad : new String[] { "bogus", "UNKNOWN", "" }) {
			assertThatExceptionOfType(ErrorResponseException.class)
				.isThrownBy(() -> QueryParameters.statusFilter("latestStatus", bad))
				.withMessageContaining("latestStatus");
		}
	}

	@Test
	void boundsTheLimit() {
		assertThat(QueryParameters.limit(null)).isEqualTo(50);
		assertThat(QueryParameters.limit("500")).isEqualTo(500);
		for (String bad : new String[] { "0", "501", "-3", "ten" }) {
			assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> QueryParameters.limit(bad));
		}
	}

	@Test
	void readsInstantsWithAZoneOrAnOffset() {
		assertThat(QueryParameters.instant("createdFrom", "2026-03-01T10:00:00Z"))
			.isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
		assertThat(QueryParameters.instant("createdFrom", "2026-03-01T11:00:00+01:00"))
			.isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
		assertThat(QueryParameters.instant("createdFrom", null)).isNull();
		assertThatExceptionOfType(ErrorResponseException.class)
			.isThrownBy(() -> QueryParameters.instant("createdFrom", "2026-03-01"));
	}

	@Test
	void takesOnlyE164Numbers() {
		assertThat(QueryParameters.e164("e164", "+14155550100")).isEqualTo("+14155550100");
		for (String bad : new String[] { "14155550100", "+0123", "+1415555010012345", "+1415abc" }) {
			assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> QueryParameters.e164("e164", bad));
		}
	}

}
