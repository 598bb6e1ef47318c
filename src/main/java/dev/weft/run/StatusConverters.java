package dev.weft.run;

import dev.weft.engine.event.RunStatus;
import dev.weft.engine.node.NodeStatus;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores engine statuses by their Dify names ({@code partial-succeeded}, ...). */
public final class StatusConverters {

    private StatusConverters() {}

    @Converter(autoApply = true)
    public static class RunStatusConverter implements AttributeConverter<RunStatus, String> {
        @Override
        public String convertToDatabaseColumn(RunStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public RunStatus convertToEntityAttribute(String value) {
            for (RunStatus s : RunStatus.values()) {
                if (s.value().equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown run status '" + value + "'");
        }
    }

    @Converter(autoApply = true)
    public static class NodeStatusConverter implements AttributeConverter<NodeStatus, String> {
        @Override
        public String convertToDatabaseColumn(NodeStatus status) {
            return status == null ? null : status.value();
        }

        @Override
        public NodeStatus convertToEntityAttribute(String value) {
            for (NodeStatus s : NodeStatus.values()) {
                if (s.value().equals(value)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown node status '" + value + "'");
        }
    }
}
