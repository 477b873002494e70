/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A cmocka-compatible subset for the bare-metal test target (QEMU
 * mps2-an385 over semihosting). The core's test sources include <cmocka.h>
 * unchanged; on the target this header is found first. It provides the
 * assertions, fixtures and group runner those tests use, with cmocka's
 * names, argument conventions and return value (the number of failed
 * tests). Mocking (will_return, expect_*) and cmocka's leak checking are not
 * provided: a test that uses them does not compile here, which is the honest
 * outcome. Runner: tests/target/cmocka_target.c.
 *
 * Include after <stdarg.h>, <stddef.h>, <stdint.h> and <setjmp.h>, as with cmocka.
 */
#ifndef VREGION_TARGET_CMOCKA_H
#define VREGION_TARGET_CMOCKA_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The widest integer an assertion compares, as in cmocka. */
#define LargestIntegralType unsigned long long
#define cast_to_largest_integral_type(value) ((LargestIntegralType)(value))
#define cast_ptr_to_largest_integral_type(value) \
	((LargestIntegralType)(uintptr_t)(const volatile void *)(value))

typedef void (*CMUnitTestFunction)(void **state);
typedef int (*CMFixtureFunction)(void **state);

struct CMUnitTest {
	const char *name;
	CMUnitTestFunction test_func;
	CMFixtureFunction setup_func;
	CMFixtureFunction teardown_func;
	void *initial_state;
};

#define cmocka_unit_test(f) { #f, f, NULL, NULL, NULL }
#define cmocka_unit_test_setup(f, setup) { #f, f, setup, NULL, NULL }
#define cmocka_unit_test_teardown(f, teardown) { #f, f, NULL, teardown, NULL }
#define cmocka_unit_test_setup_teardown(f, setup, teardown) { #f, f, setup, teardown, NULL }
#define cmocka_unit_test_prestate(f, state) { #f, f, NULL, NULL, state }
#define cmocka_unit_test_prestate_setup_teardown(f, setup, teardown, state) \
	{ #f, f, setup, teardown, state }

#define cmocka_run_group_tests(group_tests, group_setup, group_teardown)                    \
	_cmocka_run_group_tests(#group_tests, group_tests,                                  \
				sizeof(group_tests) / sizeof((group_tests)[0]), group_setup, \
				group_teardown)
#define cmocka_run_group_tests_name(group_name, group_tests, group_setup, group_teardown)  \
	_cmocka_run_group_tests(group_name, group_tests,                                    \
				sizeof(group_tests) / sizeof((group_tests)[0]), group_setup, \
				group_teardown)

/*
 * assert_true/assert_null test the value itself rather than casting it to
 * a 64-bit integer: on a 32-bit target that cast of a pointer would warn.
 */
#define assert_true(c) _assert_true((c) ? 1u : 0u, #c, __FILE__, __LINE__)
#define assert_false(c) _assert_true((c) ? 0u : 1u, "!(" #c ")", __FILE__, __LINE__)
#define assert_non_null(c) _assert_true((c) ? 1u : 0u, #c " != NULL", __FILE__, __LINE__)
#define assert_null(c) _assert_true((c) ? 0u : 1u, #c " == NULL", __FILE__, __LINE__)
#define assert_return_code(rc, error)                                                        \
	_assert_return_code(cast_to_largest_integral_type(rc), sizeof(rc),                   \
			    cast_to_largest_integral_type(error), #rc, __FILE__, __LINE__)

#define assert_int_equal(a, b)                                                              \
	_assert_int_equal(cast_to_largest_integral_type(a), cast_to_largest_integral_type(b), \
			  __FILE__, __LINE__)
#define assert_int_not_equal(a, b)                                                          \
	_assert_int_not_equal(cast_to_largest_integral_type(a),                              \
			      cast_to_largest_integral_type(b), __FILE__, __LINE__)
#define assert_ptr_equal(a, b)                                                              \
	_assert_int_equal(cast_ptr_to_largest_integral_type(a),                              \
			  cast_ptr_to_largest_integral_type(b), __FILE__, __LINE__)
#define assert_ptr_not_equal(a, b)                                                          \
	_assert_int_not_equal(cast_ptr_to_largest_integral_type(a),                          \
			      cast_ptr_to_largest_integral_type(b), __FILE__, __LINE__)
#define assert_in_range(value, minimum, maximum)                                            \
	_assert_in_range(cast_to_largest_integral_type(value),                               \
			 cast_to_largest_integral_type(minimum),                             \
			 cast_to_largest_integral_type(maximum), __FILE__, __LINE__)
#define assert_not_in_range(value, minimum, maximum)                                        \
	_assert_not_in_range(cast_to_largest_integral_type(value),                           \
			     cast_to_largest_integral_type(minimum),                         \
			     cast_to_largest_integral_type(maximum), __FILE__, __LINE__)
#define assert_memory_equal(a, b, size)                                                     \
	_assert_memory_equal((const void *)(a), (const void *)(b), (size_t)(size), __FILE__, \
			     __LINE__)
#define assert_memory_not_equal(a, b, size)                                                 \
	_assert_memory_not_equal((const void *)(a), (const void *)(b), (size_t)(size),       \
				 __FILE__, __LINE__)
#define assert_string_equal(a, b)                                                           \
	_assert_string_equal((const char *)(a), (const char *)(b), __FILE__, __LINE__)
#define assert_string_not_equal(a, b)                                                       \
	_assert_string_not_equal((const char *)(a), (const char *)(b), __FILE__, __LINE__)

#define fail() _fail(__FILE__, __LINE__)
#define fail_msg(msg, ...)                                  \
	do {                                                \
		print_error("ERROR: " msg "\n", ##__VA_ARGS__); \
		fail();                                     \
	} while (0)
#define skip() _skip(__FILE__, __LINE__)

/* cmocka's checked allocator; here the plain newlib one (no leak check). */
#define test_malloc(size) malloc(size)
#define test_calloc(num, size) calloc(num, size)
#define test_realloc(ptr, size) realloc(ptr, size)
#define test_free(ptr) free(ptr)

void print_message(const char *format, ...) __attribute__((format(printf, 1, 2)));
void print_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

void _assert_true(LargestIntegralType result, const char *expression, const char *file,
		  int line);
void _assert_return_code(LargestIntegralType result, size_t rlen, LargestIntegralType error,
			 const char *expression, const char *file, int line);
void _assert_int_equal(LargestIntegralType a, LargestIntegralType b, const char *file,
		       int line);
void _assert_int_not_equal(LargestIntegralType a, LargestIntegralType b, const char *file,
			   int line);
void _assert_in_range(LargestIntegralType value, LargestIntegralType minimum,
		      LargestIntegralType maximum, const char *file, int line);
void _assert_not_in_range(LargestIntegralType value, LargestIntegralType minimum,
			  LargestIntegralType maximum, const char *file, int line);
void _assert_memory_equal(const void *a, const void *b, size_t size, const char *file,
			  int line);
void _assert_memory_not_equal(const void *a, const void *b, size_t size, const char *file,
			      int line);
void _assert_string_equal(const char *a, const char *b, const char *file, int line);
void _assert_string_not_equal(const char *a, const char *b, const char *file, int line);
_Noreturn void _fail(const char *file, int line);
_Noreturn void _skip(const char *file, int line);
int _cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *tests,
			    size_t count, CMFixtureFunction group_setup,
			    CMFixtureFunction group_teardown);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_TARGET_CMOCKA_H */
