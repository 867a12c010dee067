using Microsoft.AspNetCore.Components;
using ShortScience.Contracts;
using ShortScience.Web.Clients;

namespace ShortScience.Web.Components.Pages.Import;

public sealed partial class AddPaper
{
    const long MaxFileBytes = 5 * 1024 * 1024;
    const string Example = "2401.01234 · https://arxiv.org/abs/hep-th/9901001 · 10.1109/CVPR.2016.90 · @article{…}";

    [CascadingParameter] HttpContext HttpContext { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "quick")] QuickInput Quick { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "manual")] ManualInput Manual { get; set; } = default!;

    /// <summary>An identifier search did not find (/add?q=…), filled in for the person.</summary>
    [SupplyParameterFromQuery(Name = "q")] string? Prefill { get; set; }

    ApiProblem? quickProblem, manualProblem, fileProblem;
    BibImportReport? report;

    protected override void OnInitialized()
    {
        Quick ??= new();
        Manual ??= new();
        if (Prefill?.Trim() is { Length: > 0 and <= 2000 } prefill)
        {
            // "Add this paper" from a \cite of a key nothing answers to: the paper typed in by hand takes that key
            // (the quick form, which fetches by arXiv id, DOI or BibTeX, could do nothing with it).
            if (IsCitationKey(prefill)) Manual.CitationKey ??= prefill;
            else if (Quick.Input.Length == 0) Quick.Input = prefill;
        }
    }

    async Task AddAsync()
    {
        var result = await Import.AddAsync(new AddPaperRequest(Input: Quick.Input));
        if (result.Value is { } added) Navigation.NavigateTo($"/papers/{Uri.EscapeDataString(added.Paper.Key)}");
        else quickProblem = result.Problem;
    }

    async Task AddManualAsync()
    {
        var m = Manual;
        var paper = new ManualPaper(m.Title, Lines(m.Authors), m.Venue, m.Year, m.Abstract, m.Url, m.PdfUrl, m.Doi, m.ArxivId,
            (m.Keywords ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), m.CitationKey);
        var result = await Import.AddAsync(new AddPaperRequest(Manual: paper));
        if (result.Value is { } added) Navigation.NavigateTo($"/papers/{Uri.EscapeDataString(added.Paper.Key)}");
        else manualProblem = result.Problem;
    }

    async Task ImportFileAsync()
    {
        var file = HttpContext.Request.Form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            fileProblem = Problem("Choose a .bib file to import.");
            return;
        }
        if (file.Length > MaxFileBytes)
        {
            fileProblem = Problem($"The file is larger than {MaxFileBytes / 1024 / 1024} MB; split it and import the parts.");
            return;
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        var progress = HttpContext.Request.Form["progress"].ToString();
        var result = await Import.ImportAsync(buffer.ToArray(), file.FileName, progress.Length > 0 ? progress : null);
        report = result.Value;
        fileProblem = result.Problem;
    }

    /// <summary>A citation key that is not an arXiv id or DOI (those are fetched by the quick form).</summary>
    static bool IsCitationKey(string text) => text.Length <= Limits.PaperAliasChars && CitationShapes.IsOtherKey(text);

    static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    static ApiProblem Problem(string message) => new(400, null, message, new Dictionary<string, string[]>());

    sealed class QuickInput
    {
        public string Input { get; set; } = "";
    }

    sealed class ManualInput
    {
        public string Title { get; set; } = "";
        public string? Authors { get; set; }
        public string? Venue { get; set; }
        public int? Year { get; set; }
        public string? Abstract { get; set; }
        public string? Url { get; set; }
        public string? PdfUrl { get; set; }
        public string? Doi { get; set; }
        public string? ArxivId { get; set; }
        public string? Keywords { get; set; }
        public string? CitationKey { get; set; }
    }
}
