package io.github.intunerecsys.pipeline;

/** The pipeline is shutting down or shut down and accepts no new requests. */
public final class PipelineClosedException extends IllegalStateException {

    PipelineClosedException(String message) {
        super(message);
    }
}
