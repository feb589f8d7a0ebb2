/**
 * What the tools that drive the running local stack ({@code deploy/bench},
 * {@code deploy/chaos}) read from it and say to it, written once: the carrier simulator's
 * log of create requests ({@link CarrierLog}, {@link CarrierEntry}) and its own endpoints
 * ({@link SimulatorClient}), status-service's queries ({@link StatusReader}), the
 * vocabulary of a text's status ({@link MessageState}), all over one JSON HTTP client
 * ({@link StackHttp}).
 */
package dev.smspipeline.stackclient;
