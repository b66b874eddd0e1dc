FROM registry.access.redhat.com/ubi9/ubi:9.4
RUN yum -y install java-17-openjdk-headless && yum clean all
COPY target/app.jar /deployments/app.jar
ENTRYPOINT ["java", "-jar", "/deployments/app.jar"]
