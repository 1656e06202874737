package io.tutti.web.problem;

/** Ends a request with the given problem; {@link ProblemExceptionMapper} writes it out. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.title(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
