# One image for every blockwatch verb. Build the jar first: mvn -B -DskipTests package
#   docker build -t blockwatch . && docker run --rm blockwatch topics --describe -b kafka:9092
FROM eclipse-temurin:17-jre
# The state directory exists in the image, owned by the user, so that a named volume mounted there
# (docker-compose.yml) starts out writable by it instead of by root.
RUN useradd --system --uid 10001 --home-dir /var/lib/blockwatch --create-home blockwatch \
    && mkdir -p /var/lib/blockwatch/streams && chown blockwatch /var/lib/blockwatch/streams
COPY target/blockwatch.jar /opt/blockwatch/blockwatch.jar
COPY data /opt/blockwatch/data
USER blockwatch
WORKDIR /var/lib/blockwatch
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-Dblockwatch.home=/opt/blockwatch", "-jar", "/opt/blockwatch/blockwatch.jar"]
CMD ["--help"]
