using FeishuResources.Samples.AttachmentArchiver;

// Receives im.message.receive_v1 pushes from Feishu/Lark and archives each message's attachments in the background.
// Configure the "Feishu" and "Archiver" sections in appsettings.json and keep the secrets out of the file:
// environment variables (Feishu__AppSecret, Archiver__VerificationToken, Archiver__EncryptKey) or dotnet user-secrets.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAttachmentArchiver(builder.Configuration);

var app = builder.Build();
app.MapPost("/feishu/events", (HttpContext http, FeishuEventInbox inbox) => inbox.ReceiveAsync(http));
app.Run();

/// <summary>The sample's entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
