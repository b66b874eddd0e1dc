FROM example.com/platform/el9:latest
RUN dnf install -y java-17-openjdk-headless && dnf clean all
COPY target/app.jar /opt/app.jar
ENTRYPOINT ["java", "-jar", "/opt/app.jar"]
