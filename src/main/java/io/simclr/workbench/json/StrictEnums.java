package io.simclr.workbench.json;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Enums in configs by their JSON names, refusing a name that is not one of them. Gson's own adapter
 * reads an unknown name as null, which surfaced as "model needs encoder" far from the misspelt
 * {@code "encoder": "resnet19"}; this one names the key, the value and the choices.
 */
final class StrictEnums implements TypeAdapterFactory {

    /** An enum value that is not one of the type's names. */
    static final class UnknownValue extends JsonParseException {
        UnknownValue(String message) {
            super(message);
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<? super T> raw = type.getRawType();
        if (!Enum.class.isAssignableFrom(raw) || raw == Enum.class) {
            return null;
        }
        Class<?> enumType = raw.isEnum() ? raw : raw.getSuperclass();
        return (TypeAdapter<T>) new Adapter(enumType);
    }

    private static final class Adapter<E extends Enum<E>> extends TypeAdapter<E> {
        private final Map<String, E> byName = new LinkedHashMap<>();
        private final Map<E, String> names = new LinkedHashMap<>();

        Adapter(Class<E> type) {
            for (E constant : type.getEnumConstants()) {
                String name = constant.name();
                try {
                    SerializedName annotation = type.getField(constant.name()).getAnnotation(SerializedName.class);
                    if (annotation != null) {
                        name = annotation.value();
                        for (String alternate : annotation.alternate()) {
                            byName.put(alternate, constant);
                        }
                    }
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
                byName.put(name, constant);
                names.put(constant, name);
            }
        }

        @Override
        public void write(JsonWriter out, E value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(names.get(value));
            }
        }

        @Override
        public E read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            String path = in.getPath().replaceFirst("^\\$\\.?", "");
            String text = in.nextString();
            E value = byName.get(text);
            if (value == null) {
                throw new UnknownValue("'" + path + "' is '" + text + "' but must be one of " + names.values());
            }
            return value;
        }
    }
}
