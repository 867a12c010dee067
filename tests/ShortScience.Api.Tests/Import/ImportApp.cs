using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShortScience.Contracts;
using ShortScience.Data.Entities;
using ShortScience.Testing;

namespace ShortScience.Api.Tests.Import;

/// <summary>The API on its own database, pointed at recorded arXiv/Crossref/DataCite answers on a loopback port.</summary>
public sealed class ImportApp : IAsyncLifetime
{
    public FakeScholarlyServices Upstream { get; } = new();
    public ApiFactory Api { get; } = new();

    public async Task InitializeAsync()
    {
        await Upstream.StartAsync();
        foreach (var (key, value) in Upstream.Settings) Api.Settings[key] = value;
        Api.Settings["Import:MaxBibtexBytes"] = "200000";
        await Api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Api).DisposeAsync();
        await Upstream.DisposeAsync();
    }

    public Task<HttpClient> MemberAsync(string name) => Api.MemberAsync(name);

    public async Task<HttpClient> ModeratorAsync(string name)
    {
        var client = await Api.MemberAsync(name);
        await using var scope = Api.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        await users.AddToRoleAsync((await users.FindByNameAsync(name))!, Roles.Moderator);
        return client;
    }
}

public static class ImportRequests
{
    public static Task<HttpResponseMessage> AddAsync(this HttpClient client, string input) =>
        client.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Input: input));

    public static Task<HttpResponseMessage> AddAsync(this HttpClient client, ManualPaper manual) =>
        client.PostAsJsonAsync("/api/v1/papers", new AddPaperRequest(Manual: manual));

    public static async Task<AddPaperResponse> AddedAsync(this HttpClient client, string input)
    {
        var response = await client.AddAsync(input);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AddPaperResponse>())!;
    }

    public static async Task<Microsoft.AspNetCore.Mvc.ProblemDetails> ProblemAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!;
}
