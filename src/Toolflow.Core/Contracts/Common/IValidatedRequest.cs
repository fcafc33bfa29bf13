using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Common;

/// <summary>A request body that checks itself and reports every problem, each with a JSON pointer into the body.</summary>
public interface IValidatedRequest
{
    /// <param name="clock">For rules about time (an expiry must lie in the future).</param>
    IReadOnlyList<ValidationProblem> Validate(TimeProvider clock);
}
