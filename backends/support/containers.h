#pragma once

// Containers for a generated project, the same way in every target: a Dockerfile (multi-stage:
// the language's build image builds, a slim image of the same pinned release runs the service as
// an unprivileged user, with a HEALTHCHECK on `/health`), a .dockerignore, and `compose.yaml`
// running the service with its store: PostgreSQL beside it when the project's store can use one,
// otherwise its SQLite database in a named volume.
//
// Each backend writes its own Dockerfile's build steps (they are the language's); this file holds
// what they share: the pinned base images, the user, the healthcheck timing, the data directory,
// and the compose file. Nothing from a blueprint reaches these files but names made safe here
// (`container_name`, `image_tag`), so no blueprint text can add a Dockerfile instruction or a
// YAML key.

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace bpc::backends {

// The pinned images. Each generated project is tested against these releases by bpc's suite
// (Node.js 20, Python 3.11, Debian 12's g++ 12 and libraries, PostgreSQL 15).
inline constexpr std::string_view kNodeBuildImage = "node:20.18.1-bookworm";
inline constexpr std::string_view kNodeRunImage = "node:20.18.1-bookworm-slim";
inline constexpr std::string_view kPythonImage = "python:3.11.11-slim-bookworm";
inline constexpr std::string_view kDebianImage = "debian:12.8-slim";
inline constexpr std::string_view kPostgresImage = "postgres:15.10-bookworm";

// Where a container keeps its files (the SQLite database), owned by the service's user.
inline constexpr std::string_view kContainerDataDirectory = "/data";

// A blueprint name as a container, image and compose name: lower-case letters, digits and single
// hyphens (`ClinicApi` -> `clinic-api`), never empty (`service`).
std::string container_name(std::string_view blueprint_name);

// A blueprint version as an image tag ([A-Za-z0-9_.-], at most 128 characters, not starting with
// `.` or `-`); `latest` never, `0.0.0` when the version has nothing usable.
std::string image_tag(std::string_view version);

// The Dockerfile lines every runtime stage shares: a system user `app` (uid 10001) with no shell
// and the data directory it owns. `useradd` is Debian's, as in every pinned image.
std::string dockerfile_user_lines();

// `HEALTHCHECK` running `command` (a JSON exec array, already quoted) with the shared timing.
std::string dockerfile_healthcheck(std::string_view exec_array);

// A Dockerfile exec-form array of arguments (JSON strings).
std::string dockerfile_exec(std::initializer_list<std::string_view> arguments);

struct ContainerProject {
  std::string name;      // container_name of the blueprint
  std::string image;     // `<name>-<target>`
  std::string tag;       // image_tag of the blueprint's version
  std::int64_t port = 0;  // the port the service listens on in the container
  // How the service is told where its records are: the variable, and its value for a SQLite
  // database in the data volume.
  std::string database_variable;
  std::string sqlite_database;
  // The URL scheme of a PostgreSQL database for the store (`postgresql+psycopg`), or empty when
  // the project's store cannot use PostgreSQL: then compose keeps SQLite in a volume.
  std::string postgresql_scheme;
};

// How a target's store is told where its records are, in its container.
struct ContainerStore {
  std::string_view variable;           // `DATABASE_URL`, `DATABASE`
  std::string_view sqlite_prefix;      // put before the SQLite file's path: `sqlite://` for a URL, or nothing
  std::string_view postgresql_scheme;  // `postgresql+psycopg`, or empty: the store cannot use PostgreSQL
};

// The containers of a `target` project (`python`) of a blueprint: named after the blueprint
// (`container_name`), the image `<name>-<target>` tagged with its version, the SQLite database
// `<data directory>/<name>.db`.
ContainerProject container_project(std::string_view blueprint_name, std::string_view version, std::string_view target,
                                   std::int64_t port, const ContainerStore& store);

// `compose.yaml` for `docker compose up --build`: the service (built from the Dockerfile beside
// it, published on its port, development tokens from BPC_DEV_TOKENS) and, with a PostgreSQL
// scheme, a PostgreSQL service it waits for (healthy), whose password POSTGRES_PASSWORD must set.
std::string compose_file(const ContainerProject& project);

// The README section that tells how to use them.
std::string containers_readme_section(const ContainerProject& project);

// One service of a suite of blueprints (`bpc compose`): its project's containers, the folder that
// holds the project (relative to the compose file: `clinic/python`), and the port the host
// publishes it on (its own port, unless another service of the suite has that one).
struct SuiteService {
  ContainerProject project;
  std::string directory;
  std::int64_t published_port = 0;
};

// The name of the suite's PostgreSQL init script, beside its compose file.
inline constexpr std::string_view kSuitePostgresInit = "postgres-init.sql";

// `compose.yaml` for a suite: every service (named after its image, `clinic-python`), built from
// its project's Dockerfile, with its own SQLite volume or its own database in one PostgreSQL
// service (made by the init script, whose password POSTGRES_PASSWORD must set).
std::string suite_compose_file(const std::vector<SuiteService>& services);

// The SQL PostgreSQL runs at its first start: a database for each service that keeps its records
// in PostgreSQL; empty when none does.
std::string suite_postgres_init(const std::vector<SuiteService>& services);

}  // namespace bpc::backends
