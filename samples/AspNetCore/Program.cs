using FeishuResources;
using FeishuResources.Samples.AspNetCore;

// Streams Feishu/Lark chat files to browsers. Configure the app in appsettings.json (section "Feishu") and
// keep the secret out of the file: Feishu__AppSecret in the environment, or dotnet user-secrets.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFeishuResources(builder.Configuration.GetSection("Feishu"));
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<FeishuProblemDetailsHandler>();

var app = builder.Build();
app.UseExceptionHandler();
app.MapFeishuDownloads();
app.Run();

/// <summary>The sample's entry point, visible to <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
