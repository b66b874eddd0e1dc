FROM eclipse-temurin:21-jre
RUN mkdir /workspace
WORKDIR /workspace
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app && \
    chown app:app /workspace
USER app
CMD ["java", "-jar", "/opt/tool/tool.jar"]
