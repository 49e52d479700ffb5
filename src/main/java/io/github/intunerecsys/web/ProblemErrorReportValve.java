package io.github.intunerecsys.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error page, for what it refuses before the request reaches Spring (a request header over
 * {@code server.max-http-request-header-size}, a malformed request line): RFC 9457 problem details instead of
 * Tomcat's HTML page with its version. Installed on the host by {@link WebConfiguration}.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status >= 500 ? "the service failed to answer" : "the request was refused by the server: "
                + title.toLowerCase(java.util.Locale.ROOT) + " (check the request size and syntax)";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer w = response.getReporter();
            if (w != null) {
                w.write("{\"type\":\"about:blank\",\"title\":\"" + title.replace("\"", "'") + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; nothing more to tell the client
        }
    }
}
