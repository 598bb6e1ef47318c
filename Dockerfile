# Build: docker build -t weft .    Run: docker run -p 8080:8080 -v weft-data:/data weft
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline || true
COPY src src
RUN ./mvnw -B -DskipTests package

FROM eclipse-temurin:25-jre
RUN groupadd --system weft && useradd --system --gid weft --home-dir /app weft \
    && mkdir -p /app /data && chown weft:weft /data
COPY --from=build /src/target/weft.jar /app/weft.jar
USER weft
ENV WEFT_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-jar", "/app/weft.jar"]
