using System;
using System.Net;

namespace FeishuResources;

/// <summary>
/// The platform refused a request. Subclasses name the kind of refusal; this type itself is used
/// for codes no subclass covers.
/// </summary>
public class FeishuApiException : Exception
{
    /// <summary>Creates the exception from what the platform said.</summary>
    /// <param name="message">A message that says what happened and what to do.</param>
    /// <param name="error">The platform's error.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public FeishuApiException(string message, FeishuApiError error, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
        Summary = message;
    }

    /// <summary>Everything the platform said, including its message and the raw body.</summary>
    public FeishuApiError Error { get; }

    /// <summary>The platform's code, e.g. 234037; 0 when the response carried none.</summary>
    public int Code => Error.Code;

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode => Error.StatusCode;

    /// <summary>The <c>X-Tt-Logid</c> header, else <c>error.log_id</c>: quote it to Feishu support.</summary>
    public string? LogId => Error.LogId;

    /// <summary>The <c>error.troubleshooter</c> link, when the platform sent one.</summary>
    public string? Troubleshooter => Error.Troubleshooter;

    /// <summary>
    /// What happened and what to do: <see cref="Exception.Message"/> without the log id and troubleshooter
    /// link the SDK appends to it. Use it where <see cref="LogId"/> and <see cref="Troubleshooter"/> are
    /// shown on their own, so that they are not said twice. For an exception created through the
    /// constructor, the message it was given.
    /// </summary>
    public string Summary { get; internal set; }
}
