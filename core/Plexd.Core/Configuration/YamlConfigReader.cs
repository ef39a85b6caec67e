using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Plexd.Core.Configuration;

/// <summary>Reads config.yaml into a <see cref="ConfigNode"/> tree with line numbers; duplicate keys are errors.</summary>
internal static class YamlConfigReader
{
    public static ConfigNode Read(string text, string fileName)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return ConfigNode.Mapping(fileName);
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, fileName);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                throw new ConfigException($"{fileName}: only one YAML document is allowed");
            }

            if (root.Kind == ConfigNodeKind.Scalar && root.Value is null)
            {
                return ConfigNode.Mapping(fileName);
            }

            return root.Kind == ConfigNodeKind.Mapping
                ? root
                : throw new ConfigException($"{root.Source}: the top level must be a mapping of sections");
        }
        catch (YamlException ex)
        {
            throw new ConfigException($"{fileName}:{ex.Start.Line}: malformed YAML: {ex.Message}", ex);
        }
    }

    private static ConfigNode ReadNode(IParser parser, string fileName)
    {
        var current = parser.Current ?? throw new ConfigException($"{fileName}: unexpected end of YAML");
        string source = $"{fileName}:{current.Start.Line}";
        switch (current)
        {
            case AnchorAlias:
                throw new ConfigException($"{source}: YAML aliases are not supported in plexd configuration");
            case Scalar scalar:
                parser.MoveNext();
                bool plain = scalar.Style == ScalarStyle.Plain;
                bool isNull = plain && scalar.Value is "" or "~" or "null" or "Null" or "NULL";
                return ConfigNode.Scalar(isNull ? null : scalar.Value, source, quoted: !plain);
            case SequenceStart:
                parser.MoveNext();
                var sequence = ConfigNode.Sequence(source);
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    sequence.Items.Add(ReadNode(parser, fileName));
                }

                return sequence;
            case MappingStart:
                parser.MoveNext();
                var mapping = ConfigNode.Mapping(source);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var keyNode = ReadNode(parser, fileName);
                    if (keyNode.Kind != ConfigNodeKind.Scalar || keyNode.Value is null)
                    {
                        throw new ConfigException($"{keyNode.Source}: a mapping key must be a plain string");
                    }

                    if (mapping.Get(keyNode.Value) is not null)
                    {
                        throw new ConfigException($"{keyNode.Source}: duplicate key '{keyNode.Value}'");
                    }

                    var valueNode = ReadNode(parser, fileName);
                    if (valueNode.Kind != ConfigNodeKind.Scalar)
                    {
                        valueNode.Source = keyNode.Source; // a block mapping starts on the line after its key; errors name the key's line
                    }

                    mapping.Entries.Add(new(keyNode.Value, valueNode));
                }

                return mapping;
            default:
                throw new ConfigException($"{source}: unexpected YAML {current.GetType().Name}");
        }
    }
}
