package dev.weft.app;

import dev.weft.app.definition.AppMode;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link AppMode} as its Dify name ({@code advanced-chat}, ...). */
@Converter
public class AppModeConverter implements AttributeConverter<AppMode, String> {

    @Override
    public String convertToDatabaseColumn(AppMode mode) {
        return mode == null ? null : mode.value();
    }

    @Override
    public AppMode convertToEntityAttribute(String value) {
        return value == null ? null : AppMode.of(value);
    }
}
