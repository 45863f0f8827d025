using Microsoft.Extensions.Options;

namespace FeishuResources.DependencyInjection;

/// <summary>
/// Checks the bounds declared on the options' properties, nested options included; the options source
/// generator writes the body, so validation needs no reflection and trims.
/// </summary>
/// <remarks>
/// A <c>[Range]</c> failure reads "The field … must be between a and b.": the generator's trimmable copy of
/// <c>RangeAttribute</c> ignores <c>ErrorMessage</c> (dotnet/runtime#123137), so none is set.
/// </remarks>
[OptionsValidator]
internal sealed partial class FeishuResourcesOptionsAnnotationsValidator : IValidateOptions<FeishuResourcesOptions>
{
}
