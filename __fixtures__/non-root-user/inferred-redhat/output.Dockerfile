FROM example.com/platform/el9:latest
RUN dnf install -y java-17-openjdk-headless && dnf clean all
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY target/app.jar /opt/app.jar
USER app
ENTRYPOINT ["java", "-jar", "/opt/app.jar"]
