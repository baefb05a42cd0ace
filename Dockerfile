# One image for every blockwatch verb. Build the jar first: mvn -B -DskipTests package
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/blockwatch --create-home blockwatch
COPY target/blockwatch.jar /opt/blockwatch/blockwatch.jar
COPY data /opt/blockwatch/data
USER blockwatch
WORKDIR /var/lib/blockwatch
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-Dblockwatch.home=/opt/blockwatch", "-jar", "/opt/blockwatch/blockwatch.jar"]
CMD ["--help"]
