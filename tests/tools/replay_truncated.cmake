# A log cut inside a record: replay handles what is whole, then exits 2
# naming the problem.
file(READ ${WORKDIR}/run.log hex HEX)
string(LENGTH "${hex}" n)
math(EXPR keep "${n} - 6")
string(SUBSTRING "${hex}" 0 ${keep} hex)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" esc "${hex}")
# write the bytes back with printf (CMake cannot write binary directly)
execute_process(COMMAND printf "${esc}" OUTPUT_FILE ${WORKDIR}/truncated.log)
execute_process(COMMAND ${EXE} replay ${WORKDIR}/truncated.log
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "replay of a truncated log: exit ${rc}, expected 2\n${out}${err}")
endif()
if(NOT "${out}" MATCHES "0 CREATE_PIPELINE status=0")
  message(FATAL_ERROR "replay of a truncated log did not replay the whole records:\n${out}")
endif()
