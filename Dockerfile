# syntax=docker/dockerfile:1
# actorgraph as a static binary on distroless, run as a non-root user.
# docker-compose.yml runs it against Neo4j 5.26; on its own it serves the
# embedded memory store: docker run -p 8080:8080 IMAGE serve --addr 0.0.0.0:8080

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that source edits do not refetch them.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# The viewer is embedded from the committed web/dist; nothing to build
# with npm here.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/actorgraph ./cmd/actorgraph

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/actorgraph /app/actorgraph
COPY --from=build /src/seeds /app/seeds
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/app/actorgraph"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
