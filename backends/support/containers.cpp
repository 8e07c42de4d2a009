#include "backends/support/containers.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "backends/support/printer.h"
#include "base/casing.h"

namespace bpc::backends {

namespace {

bool is_lower_alphanumeric(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// A JSON string of backend text (ASCII; `"` and `\` are the only characters to escape).
std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string container_name(std::string_view blueprint_name) {
  const std::string kebab = to_kebab_case(blueprint_name);
  std::string name;
  for (char c : kebab) {
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if (is_lower_alphanumeric(lower)) {
      name += lower;
    } else if (!name.empty() && name.back() != '-') {
      name += '-';
    }
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  if (name.size() > 48) name.resize(48);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name.empty() ? "service" : name;
}

std::string image_tag(std::string_view version) {
  std::string tag;
  for (char c : version) {
    const bool allowed = is_lower_alphanumeric(c) || (c >= 'A' && c <= 'Z') || c == '_' || c == '.' || c == '-';
    if (allowed && !(tag.empty() && (c == '.' || c == '-'))) tag += c;
    if (tag.size() == 128) break;
  }
  return tag.empty() || tag == "latest" ? "0.0.0" : tag;
}

std::string dockerfile_user_lines() {
  return fmt::format(
      "RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin app \\\n"
      "    && mkdir {0} && chown app {0}\n",
      kContainerDataDirectory);
}

std::string dockerfile_healthcheck(std::string_view exec_array) {
  return fmt::format("HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \\\n  CMD {}\n", exec_array);
}

std::string dockerfile_exec(std::initializer_list<std::string_view> arguments) {
  std::string out = "[";
  for (std::string_view argument : arguments) {
    if (out.size() > 1) out += ", ";
    out += json_string(argument);
  }
  return out + "]";
}

ContainerProject container_project(std::string_view blueprint_name, std::string_view version, std::string_view target,
                                   std::int64_t port, const ContainerStore& store) {
  const std::string name = container_name(blueprint_name);
  return {.name = name,
          .image = fmt::format("{}-{}", name, target),
          .tag = image_tag(version),
          .port = port,
          .database_variable = std::string(store.variable),
          .sqlite_database = fmt::format("{}{}/{}.db", store.sqlite_prefix, kContainerDataDirectory, name),
          .postgresql_scheme = std::string(store.postgresql_scheme)};
}

namespace {

constexpr std::string_view kSuitePostgresUser = "suite";

bool uses_postgresql(const SuiteService& service) { return !service.project.postgresql_scheme.empty(); }

constexpr std::string_view kPasswordVariable = "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD to the database password}";

// A service of a compose file: the project's image built from `directory`, listening on its
// port, published on `published`, told where its records are (`database`), and either waiting for
// the PostgreSQL service or keeping its SQLite database in the volume `volume`.
struct ComposeService {
  std::string_view name;
  std::string_view directory;
  const ContainerProject& project;
  std::int64_t published = 0;
  std::string_view database;
  std::string_view volume;  // empty: the service keeps its records in PostgreSQL
};

void print_service(Printer& p, const ComposeService& service) {
  const ContainerProject& project = service.project;
  p.print(R"(
      $service$:
        build: $directory$
        image: $image$
        environment:
          HOST: 0.0.0.0
          PORT: "$port$"
          $variable$: $database$
          BPC_DEV_TOKENS: $${BPC_DEV_TOKENS:-}
        ports:
          - "$published$:$port$"
        $store$
        restart: unless-stopped
  )", {{"service", service.name}, {"directory", json_string(service.directory)},
       {"image", json_string(fmt::format("{}:{}", project.image, project.tag))}, {"port", std::to_string(project.port)},
       {"variable", project.database_variable}, {"database", json_string(service.database)},
       {"published", std::to_string(service.published)},
       {"store", service.volume.empty() ? std::string("depends_on:\n  postgres:\n    condition: service_healthy\n")
                                        : fmt::format("volumes:\n  - \"{}:{}\"\n", service.volume, kContainerDataDirectory)}});
}

// The PostgreSQL service: `user` owns the database of the same name; `init_script` (beside the
// compose file; empty for none) runs at the server's first start.
void print_postgres(Printer& p, std::string_view user, std::string_view init_script) {
  p.print(R"(
      postgres:
        image: $image$
        environment:
          POSTGRES_USER: $user$
          POSTGRES_DB: $user$
          POSTGRES_PASSWORD: $password$
        volumes:
          - "postgres-data:/var/lib/postgresql/data"
          $init$
        healthcheck:
          test: ["CMD", "pg_isready", "--username=$user$", "--dbname=$user$"]
          interval: 5s
          timeout: 5s
          retries: 10
        restart: unless-stopped
  )", {{"image", json_string(kPostgresImage)}, {"user", user}, {"password", json_string(kPasswordVariable)},
       {"init", init_script.empty() ? std::string() : fmt::format("- \"./{}:/docker-entrypoint-initdb.d/10-databases.sql:ro\"", init_script)}});
}

}  // namespace

std::string compose_file(const ContainerProject& project) {
  const bool postgresql = !project.postgresql_scheme.empty();
  const std::string database =
      postgresql ? fmt::format("{}://{}:{}@postgres:5432/{}", project.postgresql_scheme, project.name, kPasswordVariable, project.name)
                 : project.sqlite_database;
  Printer p;
  p.print(R"(
    # Generated by bpc from the blueprint; run `bpc build` to regenerate.
    # `docker compose up --build` runs the service on http://localhost:$port$,
    # $store$
    services:
      $services$
    volumes:
      $volume$: {}
  )", {{"port", std::to_string(project.port)},
       {"store", postgresql ? "with its records in PostgreSQL (set POSTGRES_PASSWORD first; the data stays in the volume `postgres-data`)."
                            : fmt::format("with its SQLite database in the volume `data` ({}).", kContainerDataDirectory)},
       {"services", [&] {
          print_service(p, {.name = "api", .directory = ".", .project = project, .published = project.port, .database = database,
                            .volume = postgresql ? "" : "data"});
          if (postgresql) print_postgres(p, project.name, "");
        }},
       {"volume", postgresql ? "postgres-data" : "data"}});
  return p.take_output();
}

std::string containers_readme_section(const ContainerProject& project) {
  const bool postgresql = !project.postgresql_scheme.empty();
  Printer p;
  p.print(R"(
    ## Containers

    `Dockerfile` builds the service in one stage and runs it in a slim image of the same pinned
    release as the unprivileged user `app`, with a health check on `/health`; `compose.yaml` runs it
    $store$

    ```sh
    docker build -t $image$:$tag$ .
    $compose$
    ```
  )", {{"image", project.image}, {"tag", project.tag},
       {"store", postgresql ? "beside PostgreSQL 15, which it waits for:"
                            : fmt::format("with its SQLite database in the volume `data` (`{}`):", kContainerDataDirectory)},
       {"compose", postgresql ? "POSTGRES_PASSWORD=choose-one docker compose up --build   # on http://localhost:" + std::to_string(project.port)
                              : "docker compose up --build   # on http://localhost:" + std::to_string(project.port)}});
  return p.take_output();
}

std::string suite_compose_file(const std::vector<SuiteService>& services) {
  const bool postgresql = std::any_of(services.begin(), services.end(), uses_postgresql);
  std::vector<std::string> running;
  for (const SuiteService& service : services) {
    running.push_back(fmt::format("#   {} on http://localhost:{}", service.project.image, service.published_port));
  }
  Printer p;
  p.print(R"(
    # Generated by bpc compose from a suite of blueprints; run `bpc compose` to regenerate.
    # `docker compose up --build` runs every service of the suite:
    $running$
    $store$
    services:
      $services$
    volumes:
      $volumes$
  )", {{"running", fmt::format("{}", fmt::join(running, "\n"))},
       {"store", postgresql ? "# Set POSTGRES_PASSWORD first: the services that use PostgreSQL share one server, a database each."
                            : "# Each service keeps its SQLite database in a volume of its own."},
       {"services", [&] {
          for (const SuiteService& service : services) {
            const ContainerProject& project = service.project;
            const bool on_postgresql = uses_postgresql(service);
            const std::string database =
                on_postgresql ? fmt::format("{}://{}:{}@postgres:5432/{}", project.postgresql_scheme, kSuitePostgresUser, kPasswordVariable, project.image)
                              : project.sqlite_database;
            const std::string directory = "./" + service.directory;
            const std::string volume = on_postgresql ? "" : project.image + "-data";
            print_service(p, {.name = project.image, .directory = directory, .project = project, .published = service.published_port,
                              .database = database, .volume = volume});
          }
          if (postgresql) print_postgres(p, kSuitePostgresUser, kSuitePostgresInit);
        }},
       {"volumes", [&] {
          if (postgresql) p.print("postgres-data: {}\n");
          for (const SuiteService& service : services) {
            if (!uses_postgresql(service)) p.print("$name$-data: {}\n", {{"name", service.project.image}});
          }
        }}});
  return p.take_output();
}

std::string suite_postgres_init(const std::vector<SuiteService>& services) {
  std::string out;
  for (const SuiteService& service : services) {
    // Image names are lower-case letters, digits and hyphens: a quoted identifier as they are.
    if (uses_postgresql(service)) out += fmt::format("CREATE DATABASE \"{}\";\n", service.project.image);
  }
  if (out.empty()) return out;
  return "-- Generated by bpc compose: a database for each service of the suite that keeps its records in PostgreSQL.\n" + out;
}

}  // namespace bpc::backends
