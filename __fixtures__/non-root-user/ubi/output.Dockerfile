FROM registry.access.redhat.com/ubi9/ubi:9.4
RUN yum -y install java-17-openjdk-headless && yum clean all
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY target/app.jar /deployments/app.jar
USER app
ENTRYPOINT ["java", "-jar", "/deployments/app.jar"]
