using Plexd.Cli.Commands;
using Plexd.Cli.NodeApi;
using Spectre.Console;
using Xunit;

namespace Plexd.Core.Tests.Cli;

public sealed class JsonViewTests
{
    private static string Render(string json)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        JsonView.Render(console, json);
        return output.ToString();
    }

    [Fact]
    public void Render_ArrayOfObjects_TableWithEveryFieldAsColumn()
    {
        string text = Render("""[{"node_id":"n1","rx_bytes":10},{"node_id":"n2","endpoint":"1.2.3.4:51820"}]""");
        Assert.Matches(@"node_id\s+│\s+rx_bytes\s+│\s+endpoint", text);
        Assert.Matches(@"n2\s+│\s+│\s+1\.2\.3\.4:51820", text);
        Assert.DoesNotContain("\u001b[", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Object_ScalarsAsRows_StringMapsAsPairs_ListsAsTitledTables()
    {
        string text = Render("""{"node_id":"n1","metadata":{"rack":"r12"},"payload":{"a":1},"plugins":[{"name":"nodeapi","state":"loaded"}],"empty":[]}""");
        Assert.Matches(@"node_id\s+│ n1", text);
        Assert.Contains("rack=r12", text, StringComparison.Ordinal);
        Assert.Contains("{\"a\":1}", text, StringComparison.Ordinal);
        Assert.Contains("plugins", text, StringComparison.Ordinal);
        Assert.Matches(@"nodeapi\s+│ loaded", text);
    }

    [Fact]
    public void Render_EmptyArray_None() => Assert.Equal("(none)\n", Render("[]"));

    [Fact]
    public void Indented_NotJson_TextAsIs() => Assert.Equal("404 page not found", JsonView.Indented("404 page not found\n"));

    [Fact]
    public void ActionsRequestBody_ParametersSortedLocalFlag_BadParameterNamed()
    {
        Assert.Equal("{\"parameters\":{\"a\":\"1=2\",\"b\":\"x\"},\"local\":true}", ActionsCommand.RequestBody(["b=x", "a=1=2"], local: true, out _));
        Assert.Null(ActionsCommand.RequestBody(["novalue"], local: false, out string? problem));
        Assert.Equal("--param must be key=value, got \"novalue\"", problem);
    }
}
