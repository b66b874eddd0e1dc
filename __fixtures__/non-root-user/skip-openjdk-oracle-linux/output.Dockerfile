FROM openjdk:17
COPY app.jar /opt/app.jar
CMD ["java", "-jar", "/opt/app.jar"]
