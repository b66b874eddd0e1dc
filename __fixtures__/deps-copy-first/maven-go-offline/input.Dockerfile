FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY . .
RUN mvn -B dependency:go-offline
RUN mvn -B package -DskipTests
