/*
 * fuzz_http.c: request decoding of the server. The input is one raw HTTP
 * request (or whatever bytes the fuzzer makes of it), sent over a loopback
 * TCP connection to the real server (http_start + api_handle) running in
 * this process. That drives libmicrohttpd's parsing, our adapter
 * (http.c: body limits, forms), the routing, sessions and CSRF checks
 * (api.c), JSON body validation, multipart decoding of evidence uploads
 * and the handlers behind them.
 *
 * The database, the accounts and their fixed sessions, the server and the
 * exchange of one request with it are fuzz_server.c's (see there and
 * fuzz/README.md): made once, on the first input, through app/ alone,
 * kept between inputs, replaced by a pristine copy when a session would
 * end.
 *
 * Besides the sanitizers (the server thread is instrumented too), the
 * harness aborts on a broken contract of the API: a response that is not
 * HTTP, a JSON response that is not a JSON object or lacks the security
 * headers, an error without the error object {"error": {"code",
 * "message": {"vi", "en"}}}, or a success with one.
 *
 * A known bug of src/ (reproducers in fuzz/crashes/http/) is kept out so
 * that fuzzing goes on: inputs with a multipart part without a name (they
 * crash the server) are not sent. DTI_FUZZ_HTTP_STRICT=1 in the
 * environment sends them, and makes any 5xx answer of the API abort too.
 * DTI_FUZZ_HTTP_LOG=1 prints the server's log lines and the answers.
 */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_server.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fz.ready)
		fuzz_server_setup("http");
	fuzz_server_exchange(data, size, 0);
	fuzz_server_restore_sessions();
	fuzz_server_reset_limits();
	return 0;
}
