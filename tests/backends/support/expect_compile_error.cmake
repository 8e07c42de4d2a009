# Compiles compile_fail.cpp with -D${CASE} and checks the outcome: it must compile when EXPECT is
# empty, and otherwise fail with an error matching the regular expression EXPECT.
#   cmake -DCOMPILER=c++ -DSOURCE=compile_fail.cpp -DINCLUDE=<repo> -DCASE=CASE_X -DEXPECT=re -P this
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE} -D${CASE} ${SOURCE}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(EXPECT STREQUAL "")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${CASE} should compile:\n${output}")
  endif()
else()
  if(status EQUAL 0)
    message(FATAL_ERROR "${CASE} compiled, but should fail with an error matching `${EXPECT}`")
  endif()
  if(NOT output MATCHES "${EXPECT}")
    message(FATAL_ERROR "${CASE} failed, but not with an error matching `${EXPECT}`:\n${output}")
  endif()
endif()
