FROM example.com/platform/el9-minimal:latest
RUN microdnf install -y java-17-openjdk-headless && microdnf clean all
COPY target/app.jar /opt/app.jar
ENTRYPOINT ["java", "-jar", "/opt/app.jar"]
