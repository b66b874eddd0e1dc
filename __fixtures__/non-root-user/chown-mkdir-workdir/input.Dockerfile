FROM eclipse-temurin:21-jre
RUN mkdir /workspace
WORKDIR /workspace
CMD ["java", "-jar", "/opt/tool/tool.jar"]
