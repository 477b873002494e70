# Run EXE with ARGS ('|'-separated) in WORKDIR; pass when the exit code is RC
# and stdout+stderr match REGEX.
string(REPLACE "|" ";" args "${ARGS}")
string(REPLACE "|" " " shown "${ARGS}")
execute_process(COMMAND ${EXE} ${args} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${rc}" STREQUAL "${RC}")
  message(FATAL_ERROR "vregion ${shown}: exit ${rc}, expected ${RC}\n${out}${err}")
endif()
if(NOT "${out}${err}" MATCHES "${REGEX}")
  message(FATAL_ERROR "vregion ${shown}: output does not match '${REGEX}':\n${out}${err}")
endif()
# optionally keep stdout (e.g. JSON for a later check)
if(DEFINED STDOUT_FILE)
  file(WRITE ${WORKDIR}/${STDOUT_FILE} "${out}")
endif()
