FROM eclipse-temurin:21-jdk
WORKDIR /app
COPY pom.xml mvnw ./
COPY .mvn/wrapper/maven-wrapper.properties ./.mvn/wrapper/
COPY .mvn/jvm.config ./.mvn/
RUN ./mvnw -B -q dependency:resolve dependency:resolve-plugins
COPY . .
RUN ./mvnw -B package
