package dev.smspipeline.dispatch.queue;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.smspipeline.dispatch.backlog.ParkedMessages;
import dev.smspipeline.dispatch.backlog.ParkingLot;
import dev.smspipeline.dispatch.carrier.CarrierSettings;
import dev.smspipeline.dispatch.consent.Cancellations;
import dev.smspipeline.dispatch.submission.SubmissionFlow;
import dev.smspipeline.dispatch.throttle.PacingSettings;
import dev.smspipeline.dispatch.throttle.RecipientPacer;
import dev.smspipeline.events.MessageRequested;
import dev.smspipeline.schemas.Topics;
import dev.smspipeline.schemas.serde.AvroDeserializer;

/**
 * Wires the dispatcher: pacer, backlog, flow, its threads and the system clock, and the
 * intake's gate and dead-letter sink. The scheduler is a bean of its own, so Spring
 * starts and stops it.
 */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

	@Bean
	ParkedMessages parkedMessages(JdbcClient jdbc, JdbcTemplate template) {
		return new ParkedMessages(jdbc, template);
	}

	@Bean
	ParkingLot parkingLot(ParkedMessages parkedMessages) {
		return new ParkingLot(parkedMessages);
	}

	@Bean
	DispatchPools dispatchPools(CarrierSettings carrier) {
		return new DispatchPools(carrier.maxInFlight());
	}

	@Bean
	Dispatcher dispatcher(BufferSettings buffers, PrioritySettings priority, CarrierSettings carrier,
			IntakeRetry intakeRetry, SubmissionFlow flow, PacingSettings pacing, ParkingLot parking,
			Cancellations cancellations, IntakeGate gate, DeadLetterSink deadLetters,
			AvroDeserializer<MessageRequested> messageRequestedDeserializer, DispatchPools pools, MeterRegistry meters,
			ObjectProvider<ObservationRegistry> observations) {
		Dispatcher.Ports ports = new Dispatcher.Ports(Attempts.of(flow), new RecipientPacer(pacing), parking,
				(request) -> cancellations.reasonFor(request).isPresent(), gate, deadLetters,
				(value) -> messageRequestedDeserializer.deserialize(Topics.MESSAGE_REQUESTED, value));
		return new Dispatcher(new Dispatcher.Settings(buffers, priority, carrier.maxInFlight(), intakeRetry), ports,
				pools.threads(), Clock.systemUTC(), meters, observations.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean
	DueScheduler dueScheduler(Dispatcher dispatcher) {
		return dispatcher.scheduler();
	}

}
