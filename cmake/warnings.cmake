# Strict warnings for every target of ours; -Wconversion only for the core.
set(VREGION_WARNINGS -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes)
set(VREGION_CORE_WARNINGS ${VREGION_WARNINGS} -Wconversion -Wsign-conversion -Wcast-align)

function(vregion_strict target)
  target_compile_options(${target} PRIVATE ${VREGION_WARNINGS})
endfunction()

function(vregion_strict_core target)
  target_compile_options(${target} PRIVATE ${VREGION_CORE_WARNINGS})
endfunction()
