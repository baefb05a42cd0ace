/**
 * Kafka contracts shared by every part of blockwatch: topic names with their serdes, the Avro
 * single-object serde, client configuration and topic creation.
 */
package io.github.blockwatch.kafka;
