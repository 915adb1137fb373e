package io.reco.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
  @TempDir
  Path dir;

  @Test
  void messagesProducedAreConsumedInOrder() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir)) {
      kafka.createTopic("t", 1);
      kafka.createTopic("t", 1);
      Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (KafkaProducer<String, String> producer =
               new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 10; i++) {
          producer.send(new ProducerRecord<>("t", "m" + i));
        }
      }
      Map<String, Object> consumerProps = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      List<String> seen = new ArrayList<>();
      try (KafkaConsumer<String, String> consumer =
               new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
        TopicPartition tp = new TopicPartition("t", 0);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        while (seen.size() < 10) {
          for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
            seen.add(r.value());
          }
        }
      }
      assertEquals("m0", seen.get(0));
      assertEquals("m9", seen.get(9));
    }
  }
}
