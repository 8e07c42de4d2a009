// wrap_long_lines: the expected output of every case is what `ruff format` (0.17.6) printed for
// its input with `--line-length` set to the case's width; the width is small in most cases to keep
// them short.

#include "backends/python/layout.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>

namespace bpc::backends::python {
namespace {

struct Case {
  const char* name;
  std::size_t width;
  std::string_view input;
  std::string_view expected;  // ruff's output
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

const Case kCases[] = {
    {"FittingLineIsUnchanged", 120,
     R"py(x = call(a, b)  # a comment
)py",
     R"py(x = call(a, b)  # a comment
)py"},
    {"LongCommentIsUnchanged", 40,
     R"py(# a comment that is much longer than the line length of forty columns
x = 1
)py",
     R"py(# a comment that is much longer than the line length of forty columns
x = 1
)py"},
    {"RightHandSplitKeepsTheArgumentsOnOneLine", 75,
     R"py(authorize(request, services.verifier, ACCESS["x"], "x", services.conditions)
)py",
     R"py(authorize(
    request, services.verifier, ACCESS["x"], "x", services.conditions
)
)py"},
    {"ExplodesOneArgumentPerLineWithATrailingComma", 60,
     R"py(authorize(request, services.verifier, ACCESS["cancelAppointment"], "cancelAppointment", services.conditions, request.path_params.get("id"))
)py",
     R"py(authorize(
    request,
    services.verifier,
    ACCESS["cancelAppointment"],
    "cancelAppointment",
    services.conditions,
    request.path_params.get("id"),
)
)py"},
    {"SplitsTheRightHandSideOfAnAssignment", 80,
     R"py(path = read_parameters(schemas.ListAppointmentsOfPatientPath, request.path_params.items(), {"id": "string"}, "path")
)py",
     R"py(path = read_parameters(
    schemas.ListAppointmentsOfPatientPath,
    request.path_params.items(),
    {"id": "string"},
    "path",
)
)py"},
    {"NestedCallsAndLambdas", 100,
     R"py(async def handler():
    result = await in_thread(lambda: handlers.search_patients(schemas.SearchPatientsPath(), query, OperationContext(principal, store, events)))
)py",
     R"py(async def handler():
    result = await in_thread(
        lambda: handlers.search_patients(
            schemas.SearchPatientsPath(), query, OperationContext(principal, store, events)
        )
    )
)py"},
    {"FunctionKeepsTheReturnAnnotationOnTheClosingLine", 80,
     R"py(def search_patients(path: schemas.SearchPatientsPath, args: schemas.SearchPatientsInput, context: OperationContext) -> list[model.Patient]:
    pass
)py",
     R"py(def search_patients(
    path: schemas.SearchPatientsPath,
    args: schemas.SearchPatientsInput,
    context: OperationContext,
) -> list[model.Patient]:
    pass
)py"},
    {"DecoratorsAndClassHeaders", 50,
     R"py(class Booking(BaseWorkflowWithAVeryLongName, metaclass=RegistryOfWorkflows):
    @router.get("/patients/{id}/appointments", status_code=200)
    async def list_appointments(request: Request) -> Response:
        pass
)py",
     R"py(class Booking(
    BaseWorkflowWithAVeryLongName,
    metaclass=RegistryOfWorkflows,
):
    @router.get(
        "/patients/{id}/appointments",
        status_code=200,
    )
    async def list_appointments(
        request: Request,
    ) -> Response:
        pass
)py"},
    {"ClassBodyAnnotations", 100,
     R"py(class Patient(BaseModel):
    phone: Annotated[str, checks.matches("^\\+?[0-9 ]{7,20}\\Z", "Invalid value: does not match the pattern")] | None = None
    sort: Annotated[str, checks.matches("^-?(id|email)(,-?(id|email))*\\Z", "Invalid value: does not match the pattern")] | None = None
    email: Annotated[str, Field(max_length=254), checks.matches("^[^@]+@[^@]+\\.[^@]+\\Z", "Invalid email")]
    dict_: Annotated[Annotated[int, Field(ge=-9007199254740991, le=9007199254740991)] | None, Field(alias="dict")] = None
)py",
     R"py(class Patient(BaseModel):
    phone: (
        Annotated[
            str, checks.matches("^\\+?[0-9 ]{7,20}\\Z", "Invalid value: does not match the pattern")
        ]
        | None
    ) = None
    sort: (
        Annotated[
            str,
            checks.matches(
                "^-?(id|email)(,-?(id|email))*\\Z", "Invalid value: does not match the pattern"
            ),
        ]
        | None
    ) = None
    email: Annotated[
        str, Field(max_length=254), checks.matches("^[^@]+@[^@]+\\.[^@]+\\Z", "Invalid email")
    ]
    dict_: Annotated[
        Annotated[int, Field(ge=-9007199254740991, le=9007199254740991)] | None, Field(alias="dict")
    ] = None
)py"},
    {"CollectionsExplodeOneElementPerLine", 100,
     R"py(PATIENT = EntityDescriptor(
    name="Patient",
    columns={"id": "text", "name": "text", "email": "text", "phone": "text", "birthDate": "date", "address": "json"},
    references=(Reference("patient", "Patient", many=False, on_delete="cascade"), Reference("doctor", "Doctor", many=False)),
)
)py",
     R"py(PATIENT = EntityDescriptor(
    name="Patient",
    columns={
        "id": "text",
        "name": "text",
        "email": "text",
        "phone": "text",
        "birthDate": "date",
        "address": "json",
    },
    references=(
        Reference("patient", "Patient", many=False, on_delete="cascade"),
        Reference("doctor", "Doctor", many=False),
    ),
)
)py"},
    {"MagicTrailingCommaExplodesAFittingBracket", 120,
     R"py(BLUEPRINT = Blueprint(roles=("Admin", "Receptionist", "Member",), entities=model.ENTITIES)
)py",
     R"py(BLUEPRINT = Blueprint(
    roles=(
        "Admin",
        "Receptionist",
        "Member",
    ),
    entities=model.ENTITIES,
)
)py"},
    {"OneElementTupleAndEmptyDict", 120,
     R"py(API_NAMES: tuple[str, ...] = ("ClinicApi", )
CONDITIONS: dict[str, Condition] = {
}
)py",
     R"py(API_NAMES: tuple[str, ...] = ("ClinicApi",)
CONDITIONS: dict[str, Condition] = {}
)py"},
    {"ReindentsContinuationLines", 120,
     R"py(CHECKS: list[Check] = [
    *crud_checks(
             "Patient",
             CrudSpec(
                 id="id",
                 list=ListSpec("/api/v1/doctors", "Admin", filter="specialty", unfiltered="name", sort=("specialty", "text")),
             ),
         ),
]
)py",
     R"py(CHECKS: list[Check] = [
    *crud_checks(
        "Patient",
        CrudSpec(
            id="id",
            list=ListSpec(
                "/api/v1/doctors", "Admin", filter="specialty", unfiltered="name", sort=("specialty", "text")
            ),
        ),
    ),
]
)py"},
    {"ExplodesEachElementOfATableWithAMagicTrailingComma", 60,
     R"py(ACCESS: dict[str, Access] = {'createPatient': Access(granted=("Admin", "Receptionist"), conditions=("own",)), "getPatient": Access(granted=()),
    **EXTRA_ACCESS, "deletePatient": Access(granted=("Admin",)),}
ROLES = ["Admin", lambda role: role.name, {"Receptionist", "Member",}, 'Doctor',]
)py",
     R"py(ACCESS: dict[str, Access] = {
    "createPatient": Access(
        granted=("Admin", "Receptionist"),
        conditions=("own",),
    ),
    "getPatient": Access(granted=()),
    **EXTRA_ACCESS,
    "deletePatient": Access(granted=("Admin",)),
}
ROLES = [
    "Admin",
    lambda role: role.name,
    {
        "Receptionist",
        "Member",
    },
    "Doctor",
]
)py"},
    {"StringsWithBracketsCommasAndQuotes", 60,
     R"py(x = f("a, (b", 'c"d', "it's", "[x]", "{y}", "\\", "\"", r"\d+(,\d+)*", 'say "hi" and \'bye\'')
)py",
     R"py(x = f(
    "a, (b",
    'c"d',
    "it's",
    "[x]",
    "{y}",
    "\\",
    '"',
    r"\d+(,\d+)*",
    "say \"hi\" and 'bye'",
)
)py"},
    {"StringQuotes", 120,
     R"py(a = 'abc'
b = "\"\"\" {x} \\"
c = 'it\'s'
d = "\xAB \N{bullet}"
e = B'bytes'
f = f'{x}'
)py",
     R"py(a = "abc"
b = '""" {x} \\'
c = "it's"
d = "\xab \N{BULLET}"
e = b"bytes"
f = f"{x}"
)py"},
    {"DocstringsAreLeftAlone", 40,
     R"py("""A module docstring whose first line is longer than forty columns.

And a second paragraph.
"""


def f():
    """A one-line docstring longer than the forty columns."""
)py",
     R"py("""A module docstring whose first line is longer than forty columns.

And a second paragraph.
"""


def f():
    """A one-line docstring longer than the forty columns."""
)py"},
    {"UnsplittableValuesStayLong", 40,
     R"py(x = "a string that is longer than forty columns wide"
some_long_variable_name_here = another_long_name_that
)py",
     R"py(x = "a string that is longer than forty columns wide"
some_long_variable_name_here = (
    another_long_name_that
)
)py"},
    {"BinaryAndConditionalExpressions", 60,
     R"py(if reference.on_delete == "restrict" or (reference.on_delete == "cascade" and not reference.many):
    value = first_value_with_a_long_name if condition_is_true else second_value_name
    message = "illegal transition: confirm is not allowed from state " + str(state)
)py",
     R"py(if reference.on_delete == "restrict" or (
    reference.on_delete == "cascade" and not reference.many
):
    value = (
        first_value_with_a_long_name
        if condition_is_true
        else second_value_name
    )
    message = (
        "illegal transition: confirm is not allowed from state "
        + str(state)
    )
)py"},
    {"LambdaBodiesAndComprehensions", 80,
     R"py(fixtures = Creator(
    body=lambda _ref: {"name": "name 1", "email": "user1@example.com", "phone": "1000000", "tags": []},
    documents={name: json.loads(resources.files("clinic_api").joinpath("openapi", f"{name}.json").read_text(encoding="utf-8")) for name in API_NAMES},
)
)py",
     R"py(fixtures = Creator(
    body=lambda _ref: {
        "name": "name 1",
        "email": "user1@example.com",
        "phone": "1000000",
        "tags": [],
    },
    documents={
        name: json.loads(
            resources.files("clinic_api")
            .joinpath("openapi", f"{name}.json")
            .read_text(encoding="utf-8")
        )
        for name in API_NAMES
    },
)
)py"},
    {"ReturnRaiseAndWith", 50,
     R"py(def f():
    with writing_the_records_of_the_store(repository, timeout=10):
        return json_response({"items": [present(model.APPOINTMENT, r) for r in items], "total": total})
    raise conflict("illegal transition: confirm is not allowed from state")
)py",
     R"py(def f():
    with writing_the_records_of_the_store(
        repository, timeout=10
    ):
        return json_response(
            {
                "items": [
                    present(model.APPOINTMENT, r)
                    for r in items
                ],
                "total": total,
            }
        )
    raise conflict(
        "illegal transition: confirm is not allowed from state"
    )
)py"},
    {"ParametersWithDefaultsAndKeywordOnlyMarker", 60,
     R"py(def create(self, name: str, *, limit: int = 10, sort: str | None = None, **options) -> Page:
    pass
)py",
     R"py(def create(
    self,
    name: str,
    *,
    limit: int = 10,
    sort: str | None = None,
    **options,
) -> Page:
    pass
)py"},
    {"MagicTrailingCommaInParameters", 120,
     R"py(def f(a, b,):
    pass
)py",
     R"py(def f(
    a,
    b,
):
    pass
)py"},
    {"FluentCallChains", 60,
     R"py(payload = json.loads(resources.files("clinic_api").joinpath("openapi", f"{name}.json").read_text(encoding="utf-8"))
)py",
     R"py(payload = json.loads(
    resources.files("clinic_api")
    .joinpath("openapi", f"{name}.json")
    .read_text(encoding="utf-8")
)
)py"},
    {"SubscriptsAndSlices", 40,
     R"py(page = rows[query.offset : query.offset + query.limit][first_index:last_index]
)py",
     R"py(page = rows[
    query.offset : query.offset
    + query.limit
][first_index:last_index]
)py"},
    {"TupleTargetsAndAugmentedAssignment", 50,
     R"py(items, total = await in_thread(lambda: store.repository(model.APPOINTMENT).list(page_query))
counts[entity_name] += len(records_of_the_entity) + len(other)
)py",
     R"py(items, total = await in_thread(
    lambda: store.repository(
        model.APPOINTMENT
    ).list(page_query)
)
counts[entity_name] += len(
    records_of_the_entity
) + len(other)
)py"},

};

class WrapLongLinesTest : public testing::TestWithParam<Case> {};

TEST_P(WrapLongLinesTest, LaysOutLikeRuff) {
  EXPECT_EQ(wrap_long_lines(GetParam().input, GetParam().width), GetParam().expected);
}

TEST_P(WrapLongLinesTest, IsIdempotent) {
  const std::string once = wrap_long_lines(GetParam().input, GetParam().width);
  EXPECT_EQ(wrap_long_lines(once, GetParam().width), once);
}

INSTANTIATE_TEST_SUITE_P(Ruff, WrapLongLinesTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

TEST(WrapLongLines, DefaultsToRuffsLineLengthOf120) {
  const std::string fits = "x = f(\"" + std::string(108, 'a') + "\", b)\n";
  const std::string too_long = "x = f(\"" + std::string(109, 'a') + "\", b)\n";
  ASSERT_EQ(fits.size(), 121U);  // 120 columns and the newline
  EXPECT_EQ(wrap_long_lines(fits), fits);
  EXPECT_EQ(wrap_long_lines(too_long), "x = f(\n    \"" + std::string(109, 'a') + "\", b\n)\n");
}

// Lines outside the Python the backend emits are copied as they are (ruff would change these).
TEST(WrapLongLines, CopiesWhatItDoesNotHandle) {
  for (const char* code : {
           "x = f(a,  # a comment inside the brackets\n      b)\n",
           "value = first_operand_of_the_sum + \\\n    second_operand\n",
           "result = yield some_function_with_a_long_name(first_argument, second_argument)\n",
           "total = f(first_argument, second_argument)  # a trailing comment that makes it long\n",
           "x = f(a, b) ; y = g(c, d)\n",
           "text = \"an unterminated string, and what follows it: f(a, b)\nnext = g(c, d)\n",
           "table = {1: 2, *key: 3,}\n",  // a dict's key after the first cannot be starred
           "table = {1: 2, 3,}\n",         // a dict and a set at once
           "x = 1\n\f\n",                 // a line of a form feed has no token
           "x = 1\n\\\n",                 // nor has a continuation at the end
       }) {
    EXPECT_EQ(wrap_long_lines(code, 20), code);
  }
}

TEST(WrapLongLines, KeepsLineEndings) {
  EXPECT_EQ(wrap_long_lines("x = [1, 2,]\r\ny = 'a'\r\n"), "x = [\r\n    1,\r\n    2,\r\n]\r\ny = \"a\"\r\n");
  EXPECT_EQ(wrap_long_lines("x = [1, 2,]"), "x = [\n    1,\n    2,\n]");
  EXPECT_EQ(wrap_long_lines(""), "");
}

TEST(WrapLongLines, CountsWideCharactersAsTwoColumns) {
  const std::string wide = "x = f(\"" + std::string(12, 'a') + "\u65e5\u672c\", b)\n";  // 28 columns
  EXPECT_EQ(wrap_long_lines(wide, 28), wide);
  EXPECT_EQ(wrap_long_lines(wide, 27), "x = f(\n    \"" + std::string(12, 'a') + "\u65e5\u672c\", b\n)\n");
}

// A statement with 20,000 elements: each element is measured a bounded number of times.
TEST(WrapLongLines, LaysOutLargeStatements) {
  std::string input = "ITEMS = [";
  std::string expected = "ITEMS = [\n";
  for (int i = 0; i < 20000; ++i) {
    const std::string item = "\"item" + std::to_string(i) + "\"";
    input += (i > 0 ? ", " : "") + item;
    expected += "    " + item + ",\n";
  }
  input += "]\n";
  expected += "]\n";
  EXPECT_EQ(wrap_long_lines(input), expected);
}

}  // namespace
}  // namespace bpc::backends::python
